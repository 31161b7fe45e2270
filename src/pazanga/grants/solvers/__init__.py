"""Pure computations for grant calls: reviewer assignment, scoring and funding.

Nothing here imports Django or the platform: frozen dataclasses in, frozen dataclasses
out, so the algorithms can be tested exhaustively and benchmarked on their own.
"""
