"""Loading the models cleaner ships: one loader, one error for a model that does not fit the code."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


class ModelMismatchError(RuntimeError):
    """A shipped model file was trained on other features than the code computes: a packaging bug."""


def load_model(path: Path, features: Mapping[str, Sequence[str]], retrain: str) -> dict[str, Any]:
    """The model file at `path`, checked to have been trained on these features.

    `features` maps each key of the file that lists feature names to the names the code computes, in
    order; `retrain` is the command that rebuilds the file.
    """
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for key, names in features.items():
        if list(data.get(key, ())) != list(names):
            raise ModelMismatchError(f"{path.name} was trained on other features: run {retrain}")
    return data
