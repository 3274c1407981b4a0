"""Parse a catalogue and validate it completely, each problem at its line.

The steps after reading a file, one module each:

- :mod:`.parsing`: TOML (or JSON) text -> data; a syntax error at its line, with a caret;
- :mod:`.validate`: :func:`~.validate.validate_data`, the entry point: data -> a
  :class:`~pmladder.models.Catalog` and its warnings, or every problem at once;
- :mod:`.sizes`: absurdly long lists and tables are refused before pydantic sees them;
- :mod:`.pydantic_messages`: pydantic's errors in the words of someone editing the file;
- :mod:`.facts`: the ids and references the cross-checks need, from the models or
  salvaged from data that did not validate;
- the cross-checks: :mod:`.identities` (each id defined once, names distinct),
  :mod:`.references` (what roles and claims name is defined), :mod:`.moves`,
  :mod:`.criteria` (criteria name real steps and cover the scale) and
  :mod:`.figures_along_moves` (experience and ratings agree along each move);
- :mod:`.problems` and :mod:`.did_you_mean`: what every check reports with.

Loading a catalogue that passed before (:mod:`pmladder.cache`) skips this
package entirely; this module imports nothing, so reading a file for shell
completion (:mod:`.parsing` alone) does not build the models.
"""
