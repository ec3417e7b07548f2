from studylog.cli import main

main()
