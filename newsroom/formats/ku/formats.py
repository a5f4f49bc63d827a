# Django reads this module for the "ku" edition; the formats themselves are in newsroom/languages.py.
from newsroom.languages import BY_CODE

globals().update(BY_CODE["ku"].formats)
