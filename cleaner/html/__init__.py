"""The HTML wing: a page's blocks (blocks), their features (features), the block model (model), the
page's own metadata (meta), and the extraction that labels every block (extract, the one module that
imports trafilatura). It imports the core only, never the text wing."""
