"""Packing frames that are written together into batch frames.

protocol.md "system/batch": while every UI online has announced
``acceptsBatch``, the writer hands each group of frames it writes at once
to ``pack``, which joins runs of them into batch frames. Only frames that
are already waiting together are joined, so a message sent alone still
goes out at once in its own frame: batching never delays a quiet stream.

Frames stay the text the writer encoded; a batch is only that text joined,
never decoded or encoded again.
"""

from __future__ import annotations

from .messages import SYSTEM_FRAME_PREFIX

__all__ = ["BATCH_PREFIX", "MAX_BATCH_BYTES", "pack"]

# How every batch frame begins: relays spot batches by this exact text.
BATCH_PREFIX = '{"id":0,"component":"system","type":"batch","payload":{"messages":['
_SUFFIX = "]}}"
_OVERHEAD = len(BATCH_PREFIX) + len(_SUFFIX)
# Largest batch we build, in UTF-8 bytes: far under any relay's frame limit
# (1 MiB by default), and small enough for a UI to parse within a frame.
MAX_BATCH_BYTES = 64 * 1024


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def pack(frames: list[str], max_bytes: int = MAX_BATCH_BYTES) -> list[str]:
    """``frames`` as fewer frames, in the same order.

    Consecutive frames are joined into batches of at most ``max_bytes``;
    announces, and any frame too big to share a batch, stay single frames,
    and so does a run of one.
    """
    out: list[str] = []
    run: list[str] = []
    size = _OVERHEAD

    def end_run() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            out.append(BATCH_PREFIX + ",".join(run) + _SUFFIX)
        run.clear()

    for frame in frames:
        length = _utf8_length(frame) + 1  # and its comma
        if frame.startswith(SYSTEM_FRAME_PREFIX) or _OVERHEAD + length > max_bytes:
            # announces travel alone, so relays read them without opening batches
            end_run()
            size = _OVERHEAD
            out.append(frame)
            continue
        if size + length > max_bytes:
            end_run()
            size = _OVERHEAD
        run.append(frame)
        size += length
    end_run()
    return out
