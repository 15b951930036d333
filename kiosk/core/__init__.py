"""The pure core: the programme, its times, the timeline, host actions, words and the view.

No I/O and no Textual: every rule about what the screen says lives here.
"""
