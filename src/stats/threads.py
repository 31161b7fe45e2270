"""Single-threaded BLAS for the engine's matrix products.

The products the engine makes (replicate totals, Gram matrices of replicate weights, PSU
totals) take milliseconds to a few tenths of a second. On a machine whose cores are shared
with other processes, BLAS threads that wait for a free core made the same job take
anything from 1x to 10x its time (bootstrap means: 0.96-10.9 s); one thread per product
is as fast and stable. ``threadpoolctl`` changes the thread count of the BLAS library numpy
and scipy loaded, for the duration of a ``with`` block, and restores it afterwards. The
setting is the process's: threads of a web server estimating at the same time may
restore each other's single thread, which leaves BLAS with one thread, as these products
want it anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from threadpoolctl import ThreadpoolController


@cache
def controller() -> ThreadpoolController:
    """The BLAS libraries loaded so far (looked up once: the lookup takes a few ms)."""
    return ThreadpoolController()


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run the block with one BLAS thread, then restore the previous setting."""
    with controller().limit(limits=1, user_api="blas"):
        yield
