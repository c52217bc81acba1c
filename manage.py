#!/usr/bin/env python
"""Django's manage.py, kept for habit: `truyenthong …` does the same."""

from truyenthong.__main__ import main

if __name__ == "__main__":
    main()
