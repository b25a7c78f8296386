//! What a person means, whatever device they pressed: the console's input vocabulary. Keys (the
//! terminal's, or bytes from an SSH channel parsed by a network host) are translated into these
//! at the edge ([`super::keys`]); the console ([`super::app::Console`]) knows nothing else.

/// What a key press means, independent of the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    Quit,
    ForceQuit,
    Help,
    NextTab,
    PrevTab,
    Tab(usize),
    Up,
    Down,
    PageUp,
    PageDown,
    Select,
    Back,
    TogglePause,
    Step,
    /// Replay: one tick back.
    StepBack,
    Faster,
    Slower,
    NextInject,
    NextPhase,
    /// Replay: to the previous event.
    PrevInject,
    /// Replay: to the previous command given.
    PrevPhase,
    CommandLine,
    SwitchSeat,
    Projector,
    /// A letter that is none of the above: its meaning is the current screen's binding of it
    /// ([`super::screens::binding`]), the one place it is declared; a dialog's answer (y, n);
    /// or the replay's branch.
    Letter(char),
}

/// Text-entry keys for dialogs and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Submit,
    Cancel,
    /// Tab: choose what the text is about, where it may be about something (a note's
    /// objective); the text typed so far is kept.
    Choose,
}
