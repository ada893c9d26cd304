"""`python -m codedoc` runs the command line."""

from codedoc.cli import main

main()
