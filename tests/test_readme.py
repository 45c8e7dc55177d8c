"""The README's commands and outputs are real: each SQL example is run on the seed.

`pytest tests/test_readme.py --update-golden` rewrites the outputs after a deliberate change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.contracts import TABLES, contract
from newsfacts.runner import run_ingest
from newsfacts.settings import DEFAULT_MAX_ARTICLE_BYTES
from tests.conftest import ROOT, SEEDS

README = ROOT / "README.md"
EXAMPLE = re.compile(
    r"```bash\n(newsfacts sql \"(?P<query>[^\"]+)\" --format csv)\n```\n```csv\n(?P<output>.*?)```",
    re.DOTALL,
)


@pytest.fixture(scope="module")
def seed_warehouse(
    prefect_server: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    warehouse = tmp_path_factory.mktemp("readme") / "warehouse"
    run_ingest([str(SEEDS)], warehouse, None, 500, DEFAULT_MAX_ARTICLE_BYTES)
    yield warehouse


def test_setup_commands_are_there() -> None:
    text = README.read_text(encoding="utf-8")
    assert "<!-- run-command -->\n```bash\npython3 -m venv .venv && " in text
    assert ".venv/bin/newsfacts run seeds/" in text
    assert "<!-- test-command -->\n```bash\npython3 -m venv .venv && " in text
    assert ".venv/bin/pytest" in text


def test_sql_examples_print_what_the_readme_says(seed_warehouse: Path, update_golden: bool) -> None:
    text = README.read_text(encoding="utf-8")
    examples = list(EXAMPLE.finditer(text))
    assert len(examples) >= 3
    runner = CliRunner()
    updated = text
    for example in examples:
        result = runner.invoke(
            app, ["sql", example["query"], "--warehouse", str(seed_warehouse), "--format", "csv"]
        )
        assert result.exit_code == 0, result.output
        actual = result.stdout.replace("\r\n", "\n")
        if update_golden:
            updated = updated.replace(
                example.group(0), example.group(0).replace(example["output"], actual)
            )
        else:
            assert actual == example["output"], example["query"]
    if update_golden:
        README.write_text(updated, encoding="utf-8")


def test_contract_section_names_every_column() -> None:
    section = README.read_text(encoding="utf-8").split("## The table contract", 1)[1]
    section = section.split("\n## ", 1)[0]
    for table in TABLES:
        for column in contract(table).column_names:
            if table == "runs" and column.split("_", 1)[0] in ("dates", "counts", "places"):
                continue  # listed as the *_extracted/_loaded/_rejected/_replaced pattern
            assert column in section, (table, column)
