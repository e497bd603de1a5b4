"""Allow ``python -m iro_cli``."""

from iro_cli.cli import main

if __name__ == "__main__":
    main()
