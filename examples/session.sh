#!/usr/bin/env bash
# A short studylog session you can follow (and run): it uses a temporary data folder, so it
# touches none of your own data. Needs `studylog` on PATH.
set -euo pipefail
export STUDYLOG_HOME="${STUDYLOG_HOME:-$(mktemp -d)}"
here="$(cd "$(dirname "$0")" && pwd)"
say() { printf '\n$ %s\n' "$*"; "$@"; }

say studylog curricula list
# Plan the day: goals can name a curriculum item (an id like karpathy/5, or an alias).
say studylog goal "finish part 5/8 karpathy lecture" --item makemore-4
say studylog goal "skim the ORPO paper"
# Log what got done, with hours and the sub-bullets you would write in a daily note.
say studylog done "reviewed backprop calculus notes" --hours 1h30m --note "cs231n derivatives handout"
say studylog done "worked through karpathy lecture 5/8" --hours 2 --goal 1
say studylog start dlc/1
say studylog complete week0_d2_cnn --hours 2.3 --date yesterday
say studylog today
say studylog log
say studylog curricula show dlc
# Your own curricula: validate, then drop the file into the data folder's curricula/.
say studylog curricula validate "$here/my-curriculum.yaml"
mkdir -p "$STUDYLOG_HOME/curricula" && cp "$here/my-curriculum.yaml" "$STUDYLOG_HOME/curricula/"
say studylog curricula show linalg
# Made a mistake? Undo the last change.
say studylog undo
