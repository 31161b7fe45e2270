def load(rng):
    pass
