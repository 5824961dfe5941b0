"""``python -m newsingest``."""

from newsingest.cli import main

main()
