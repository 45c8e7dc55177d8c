"""spaCy's small English pipeline for the peer-glue timing, or a stand-in of the same shapes.

People glue spaCy's `en_core_web_sm` to dateparser and quantulum3; the benchmark times that
glue. The trained package is published on a release page, not on the package registry, so on
a machine that reaches only the registry it cannot be installed. Then the pipeline is built
from `spacy_sm_architecture.cfg` (the small model's layer shapes) with its label sets and
untrained weights: a forward pass costs the same whatever the weights, so the timing stands,
while the output is meaningless (and unused). The report says which one was timed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "spacy_sm_architecture.cfg"
LABELS = HERE / "spacy_sm_labels.json"


def load_small_pipeline() -> tuple[Any, str] | None:
    """(pipeline, what it is), or None when spaCy itself is not installed."""
    try:
        import spacy  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return spacy.load("en_core_web_sm"), "en_core_web_sm"
    except OSError:
        return _same_shapes(spacy), "en_core_web_sm shapes, untrained (model not installable here)"


def _same_shapes(spacy: Any) -> Any:
    config = spacy.util.load_config(CONFIG)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    for component in ("tagger", "parser", "ner"):
        pipe = nlp.get_pipe(component)
        for label in labels[component]:
            pipe.add_label(label)
    nlp.initialize()
    return nlp
