"""The `truyenthong` command: Django's management commands with our settings (`truyenthong import-plan FILE`)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "truyenthong"
    # Our commands are spelt with hyphens on the command line (import-plan); Django modules use underscores.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
