def load(rng): pass
