"""`python -m newsfacts` is the `newsfacts` command."""

from newsfacts.cli import app

if __name__ == "__main__":  # worker processes re-import this module under another name
    app(prog_name="newsfacts")
