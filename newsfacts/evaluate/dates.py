"""Score the date tagger against TimeML or MEANTIME gold, TempEval-3 style.

TempEval-3 (UzZaman et al. 2013, Sect. 4.1): a strict match has the identical extent, a
relaxed match any overlap; value F1 is computed on relaxed-matched pairs, i.e. precision
and recall count only pairs whose normalised value is also right (= relaxed F1 x value
accuracy). Pairs are matched one-to-one, exact extents first, then by overlap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.evaluate.timeml import AnnotatedDoc, GoldTimex, read_corpus
from newsfacts.extract.dates import extract_dates
from newsfacts.records import DateMention

__all__ = ["Scores", "evaluate_dates", "score_documents"]


@dataclass(slots=True)
class Scores:
    """Counts over a corpus, and the error lists behind them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    gold_by_type: Counter[str] = field(default_factory=Counter)
    relaxed_by_type: Counter[str] = field(default_factory=Counter)
    value_by_type: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, GoldTimex]] = field(default_factory=list)
    spurious: list[tuple[str, DateMention]] = field(default_factory=list)
    wrong: list[tuple[str, GoldTimex, DateMention]] = field(default_factory=list)


def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _match(
    gold: tuple[GoldTimex, ...], system: list[DateMention]
) -> tuple[list[tuple[GoldTimex, DateMention]], int]:
    """One-to-one pairs (exact extents first, then overlaps) and the number of exact pairs."""
    pairs: list[tuple[GoldTimex, DateMention]] = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    by_span = {(m.char_start, m.char_end): i for i, m in enumerate(system)}
    for gi, g in enumerate(gold):
        si = by_span.get((g.start, g.end))
        if si is not None and si not in used_system:
            pairs.append((g, system[si]))
            used_gold.add(gi)
            used_system.add(si)
    exact = len(pairs)
    for gi, g in enumerate(gold):
        if gi in used_gold:
            continue
        for si, m in enumerate(system):
            if si not in used_system and m.char_start < g.end and g.start < m.char_end:
                pairs.append((g, m))
                used_gold.add(gi)
                used_system.add(si)
                break
    return pairs, exact


def _same_value(gold: str, system: str | None) -> bool:
    return system is not None and gold.strip().upper() == system.strip().upper()


def score_documents(docs: list[AnnotatedDoc]) -> Scores:
    """Run the tagger on every document and count matches."""
    scores = Scores()
    for doc in docs:
        sentences = list(doc.sentences) if doc.sentences is not None else None
        found = extract_dates(doc.text, doc.published, sentences)
        system = [m for m in found if m.char_start < doc.scope_end]
        pairs, exact = _match(doc.timexes, system)
        scores.gold += len(doc.timexes)
        scores.system += len(system)
        scores.strict += exact
        scores.relaxed += len(pairs)
        scores.gold_by_type.update(t.type for t in doc.timexes)
        matched_gold = {id(g) for g, _ in pairs}
        matched_system = {id(m) for _, m in pairs}
        for g, m in pairs:
            scores.relaxed_by_type[g.type] += 1
            if m.kind.upper() == g.type.upper():
                scores.type += 1
            if _same_value(g.value, m.value):
                scores.value += 1
                scores.value_by_type[g.type] += 1
            else:
                scores.wrong.append((doc.name, g, m))
        scores.missed += [(doc.name, g) for g in doc.timexes if id(g) not in matched_gold]
        scores.spurious += [(doc.name, m) for m in system if id(m) not in matched_system]
    return scores


def format_report(scores: Scores, title: str, show_errors: bool = False) -> str:
    """The printed report: span and value scores, per-type figures, optional error lists."""
    lines = [f"Dates on {title}: {scores.gold} gold, {scores.system} system timexes"]
    for label, correct in (("strict span", scores.strict), ("relaxed span", scores.relaxed),
                           ("value", scores.value)):  # fmt: skip
        p, r, f = _f1(correct, scores.system, scores.gold)
        lines.append(f"  {label:<13} P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    if scores.relaxed:
        lines.append(
            f"  value accuracy on relaxed matches {scores.value / scores.relaxed:.4f}, "
            f"type accuracy {scores.type / scores.relaxed:.4f}"
        )
    lines.append("  per gold type: n / relaxed recall / value recall")
    for kind, n in sorted(scores.gold_by_type.items()):
        lines.append(
            f"    {kind:<9} {n:>5}  {scores.relaxed_by_type[kind] / n:.3f}  "
            f"{scores.value_by_type[kind] / n:.3f}"
        )
    if show_errors:
        lines += _errors(scores)
    return "\n".join(lines)


def _errors(scores: Scores) -> list[str]:
    """Error listings grouped by gold type (missed, wrong value) and by rule (spurious)."""
    lines: list[str] = []
    missed: dict[str, list[str]] = defaultdict(list)
    for name, g in scores.missed:
        missed[g.type].append(f"    {name}: {g.text!r} = {g.value}")
    wrong: dict[str, list[str]] = defaultdict(list)
    for name, g, m in scores.wrong:
        wrong[g.type].append(
            f"    {name}: gold {g.text!r} = {g.value} | system {m.surface!r} = {m.value} ({m.rule})"
        )
    spurious: dict[str, list[str]] = defaultdict(list)
    for name, m in scores.spurious:
        spurious[m.rule].append(f"    {name}: {m.surface!r} = {m.value}")
    for title, table in (("MISSED", missed), ("WRONG VALUE", wrong), ("SPURIOUS", spurious)):
        for key in sorted(table):
            lines.append(f"  {title} {key} ({len(table[key])})")
            lines += table[key]
    return lines


def evaluate_dates(path: Path, fmt: str, show_errors: bool = False) -> str:
    """Evaluate on a TimeML (`fmt="timeml"`) or MEANTIME (`"meantime"`) file or folder.

    Returns the report text (the CLI prints it).
    """
    docs = read_corpus(Path(path), fmt)
    title = f"{path} ({fmt}, {len(docs)} documents)"
    return format_report(score_documents(docs), title, show_errors)
