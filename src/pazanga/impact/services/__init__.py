"""Writes of the impact app with side effects or invariants across models.

- intake: importing a research firm's file (CSV, XLSX, SPSS) into a new data version;
- weighting: raking a wave to its population margins, with diagnostics;
- estimation: the stored estimates, changes, gaps and differences in differences;
- studies: studies, waves, margins and indicator definitions.
"""
