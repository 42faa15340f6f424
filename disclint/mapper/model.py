"""A transparent linear model: one logistic classifier per label, stored as JSON.

Labels: ``cyber`` (is the passage about the company's own cybersecurity management?) and
``d1`` … ``d10``. Inference is a sparse dot product in pure Python, so every score can be
explained by the features that drove it. Training (``make model``) uses scikit-learn's
liblinear solver (dual coordinate descent with a fixed seed: deterministic); scikit-learn is
needed only to retrain.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..guideline import directive_ids

LABELS = ("cyber",) + tuple(f"d{i}" for i in directive_ids())


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@dataclass
class LinearModel:
    weights: dict[str, dict[str, float]]  # label -> feature -> weight
    bias: dict[str, float]
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    _dense_cache: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False, compare=False)

    def score(self, label: str, features: dict[str, float], vector: Any = None) -> float:
        """Probability of ``label``: sparse ``features`` plus, if given, the dense ``vector``
        whose weights are stored as ``v:<i>`` (one numpy dot product instead of 300 lookups)."""
        w = self.weights[label]
        z = self.bias[label] + sum(w.get(f, 0.0) * x for f, x in features.items())
        if vector is not None:
            z += float(self._dense(label, len(vector)) @ vector)
        return _sigmoid(z)

    def _dense(self, label: str, dim: int) -> Any:
        key = (label, dim)
        if key not in self._dense_cache:
            import numpy

            w = self.weights[label]
            self._dense_cache[key] = numpy.array([w.get(f"v:{i}", 0.0) for i in range(dim)], dtype=numpy.float32)
        return self._dense_cache[key]

    def contributions(self, label: str, features: dict[str, float], top: int = 5) -> list[tuple[str, float]]:
        w = self.weights[label]
        contrib = [(f, w[f] * x) for f, x in features.items() if f in w and w[f] * x > 0]
        contrib.sort(key=lambda kv: -kv[1])
        return contrib[:top]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "disclint-linear-1",
            "labels": list(self.weights),
            "bias": self.bias,
            "thresholds": self.thresholds,
            "weights": {k: dict(sorted(v.items())) for k, v in self.weights.items()},
            "meta": self.meta,
        }

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != "disclint-linear-1":
            raise ValueError(f"{path}: unknown model format")
        return cls(data["weights"], data["bias"], data["thresholds"], data.get("meta", {}))


def train(
    feature_rows: list[dict[str, float]],
    label_rows: list[set[str]],
    C: float = 1.0,
    prune: float = 0.02,
) -> LinearModel:
    """Fit one L2 logistic regression per label (liblinear, dual, seeded: deterministic)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(feature_rows).tocsr()
    X.indices = X.indices.astype("int32")  # liblinear accepts 32-bit sparse indices only
    X.indptr = X.indptr.astype("int32")
    names = vec.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for label in LABELS:
        y = [1 if label in labels else 0 for labels in label_rows]
        if not any(y) or all(y):
            weights[label], bias[label] = {}, (10.0 if all(y) else -10.0)
            continue
        # the dual problem: fewer passages than features (sklearn's advice for liblinear), ~10x
        # faster than the primal solver to the same optimum; its coordinate order is seeded
        clf = LogisticRegression(
            C=C, solver="liblinear", dual=True, random_state=0, class_weight="balanced", max_iter=1000
        )
        clf.fit(X, y)
        coef = clf.coef_[0]
        weights[label] = {str(names[i]): round(float(c), 3) for i, c in enumerate(coef) if abs(c) > prune}
        bias[label] = round(float(clf.intercept_[0]), 4)
    return LinearModel(weights, bias, {label: 0.5 for label in LABELS})
