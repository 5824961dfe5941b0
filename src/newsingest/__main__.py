"""``python -m newsingest``."""

from newsingest.cli import main

if __name__ == "__main__":
    main()
