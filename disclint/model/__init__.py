"""The data every stage passes on, and nothing else: :mod:`.document` (``Document``, ``Block``,
``BlockKind``, ``Location``, ``ReaderNote``), :mod:`.findings` (``Finding``, ``Level``) and
:mod:`.errors` (``DisclintError`` and its one-line kinds). Readers make documents, the analysis
makes findings, reporters read both; none of these modules imports a stage.
"""
