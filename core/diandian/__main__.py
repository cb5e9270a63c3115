"""``python -m diandian`` runs the command line."""

from .cli import main

main()
