import sys

from recoverydesk.cli import main

sys.exit(main())
