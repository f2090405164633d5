from inbox_monitor.cli import main

if __name__ == "__main__":
    main()
