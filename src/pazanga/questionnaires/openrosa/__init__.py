"""ODK Collect support: the OpenRosa Form List, form download and Form Submission APIs.

`xforms` turns a published version into an XForm (through pyxform, the reference
converter), `submissions` turns a submitted instance into a response, `keys` issues and
revokes interviewers' keys. The views are in `views/openrosa.py`.
"""
