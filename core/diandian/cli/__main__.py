"""``python -m diandian.cli``: the ``diandian`` command."""

import sys

from . import main

sys.exit(main())
