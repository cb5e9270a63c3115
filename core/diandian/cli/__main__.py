"""``python -m diandian.cli``: the ``diandian`` command."""

from . import main

main()
