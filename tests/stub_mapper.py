"""A mapper whose output the test decides: a cyber score per block and, optionally, directive labels.
Used to pin down the scope and the coverage rules without depending on the trained model."""

from __future__ import annotations

from dataclasses import dataclass, field

from disclint.mapper import PassageResult, load_directives
from disclint.model.document import Document


@dataclass
class StubMapper:
    scores: dict[int, float]
    labels: dict[int, list[int]] = field(default_factory=dict)
    threshold: float = 0.5
    ds: object = field(default_factory=load_directives)

    def map_document(self, doc: Document) -> list[PassageResult]:
        return [PassageResult(doc.blocks[i].text, doc.blocks[i].location, i, True, s >= self.threshold, s,
                              self.labels.get(i, []), {d: s for d in self.labels.get(i, [])})
                for i, s in self.scores.items()]
