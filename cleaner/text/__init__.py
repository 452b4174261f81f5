"""The text wing: a line or glued dump cut into blocks (segment), each block's features (features), the
two-stage scorer (model), the main-block selection (select), what the dump shows of its title, author and
date (meta), and the extraction that runs them in rounds (extract). It imports the core only, never the
HTML wing."""
