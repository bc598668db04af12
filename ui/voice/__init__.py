"""The waiting-room voice: Mandarin announcements (chime, then speech) with an offline engine.

- ``phrases``: the wording, display and speech forms (pure Python);
- ``pinyin``: Chinese text -> numbered pinyin for espeak-ng (pure Python);
- ``engines``: ``choose_engine()`` - Qt text-to-speech with a zh_CN voice, else espeak-ng, else none;
- ``audio``: ``AudioOutput`` - QtMultimedia playback, and ``FakeAudioOutput`` for tests;
- ``announcer``: ``Announcer`` - the queue that plays them one at a time.

The package imports nothing at load time, so the pure-Python modules stay free of Qt.
"""
