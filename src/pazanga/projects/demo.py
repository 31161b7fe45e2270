def load(rng) -> None:  # type: ignore[no-untyped-def]
    return None
