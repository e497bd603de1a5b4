"""One module per command; each is thin: parse options, load, call the domain, render."""
