"""`python -m newsfacts` is the `newsfacts` command."""

from newsfacts.cli import app

app(prog_name="newsfacts")
