"""structure (S200-S203): the four elements of a follow-up that career coaches recommend (the "common structure"):
gratitude, renewed interest, one specific point from the interview, and next steps.

Which elements a message needs depends on its kind (a follow-up after silence needs no
thanks for a conversation weeks ago; a LinkedIn note has no room for any of it); the
expectations and the phrase lists are in ``rules/data/structure.yaml``. Each missing
element is one info finding on the body's first line. One module per rule; the shared part is
``_elements``.
"""
