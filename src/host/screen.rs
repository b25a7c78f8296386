//! One connection's screen: a ratatui terminal whose backend writes into a byte buffer the
//! connection hands to its SSH channel. The viewport is fixed and set from the client's
//! `pty-req` and `window-change`, never from the host's own terminal.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Sizes outside these bounds are clamped: a client claiming a 0×0 or 100000×100000 window
/// gets a screen the console can draw and the host can afford.
pub const MIN: (u16, u16) = (20, 6);
pub const MAX: (u16, u16) = (400, 200);

/// Enter the alternate screen, hide the cursor, clear.
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H";
/// Show the cursor, leave the alternate screen.
pub const LEAVE: &[u8] = b"\x1b[0m\x1b[?25h\x1b[?1049l";

/// A byte buffer that ratatui writes a frame into (shared with the [`Screen`], which takes the
/// bytes out after each frame).
#[derive(Clone, Debug, Default)]
pub struct Bytes(Arc<Mutex<Vec<u8>>>);

impl Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// crossterm's backend writing into [`Bytes`], except that it never asks the host's own
/// terminal anything: the size is the client's, and the cursor is where this backend put it.
pub struct ChannelBackend {
    inner: CrosstermBackend<Bytes>,
    size: Size,
    cursor: Position,
}

impl Backend for ChannelBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.cursor = p;
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct Screen {
    terminal: Terminal<ChannelBackend>,
    bytes: Bytes,
    area: Rect,
}

/// A client's claimed size, clamped to what is drawn.
pub fn clamp(cols: u32, rows: u32) -> Rect {
    let w = cols.clamp(u32::from(MIN.0), u32::from(MAX.0)) as u16;
    let h = rows.clamp(u32::from(MIN.1), u32::from(MAX.1)) as u16;
    Rect::new(0, 0, w, h)
}

impl Screen {
    pub fn new(cols: u32, rows: u32) -> Screen {
        let area = clamp(cols, rows);
        let bytes = Bytes::default();
        let backend = ChannelBackend {
            inner: CrosstermBackend::new(bytes.clone()),
            size: area.as_size(),
            cursor: Position::ORIGIN,
        };
        let viewport = Viewport::Fixed(area);
        let terminal = Terminal::with_options(backend, TerminalOptions { viewport })
            .expect("a terminal over a byte buffer cannot fail to start");
        Screen {
            terminal,
            bytes,
            area,
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// The client's window changed: the next frame is drawn whole at the new size.
    pub fn resize(&mut self, cols: u32, rows: u32) {
        let area = clamp(cols, rows);
        if area != self.area {
            self.area = area;
            self.terminal.backend_mut().size = area.as_size();
            // Writing into memory cannot fail.
            let _ = self.terminal.resize(area);
        }
    }

    /// Forget what the client shows: the next frame is sent whole.
    pub fn invalidate(&mut self) {
        let _ = self.terminal.clear();
    }

    /// Draws a frame; returns the bytes that bring the client's screen up to date (only the
    /// cells that changed since the last frame, unless invalidated or resized).
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> Vec<u8> {
        let _ = self.terminal.draw(render);
        std::mem::take(&mut *self.bytes.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;

    #[test]
    fn absurd_sizes_are_clamped() {
        assert_eq!(clamp(0, 0), Rect::new(0, 0, MIN.0, MIN.1));
        assert_eq!(clamp(u32::MAX, u32::MAX), Rect::new(0, 0, MAX.0, MAX.1));
        assert_eq!(clamp(80, 24), Rect::new(0, 0, 80, 24));
    }

    #[test]
    fn only_changes_are_sent_until_the_screen_is_invalidated() {
        let mut s = Screen::new(40, 10);
        let first = s.draw(|f| f.render_widget(Paragraph::new("hello"), f.area()));
        assert!(String::from_utf8_lossy(&first).contains("hello"));
        let same = s.draw(|f| f.render_widget(Paragraph::new("hello"), f.area()));
        assert!(!String::from_utf8_lossy(&same).contains("hello"));
        s.invalidate();
        let again = s.draw(|f| f.render_widget(Paragraph::new("hello"), f.area()));
        assert!(String::from_utf8_lossy(&again).contains("hello"));
    }

    #[test]
    fn rapid_resizes_end_at_the_last_size() {
        let mut s = Screen::new(80, 24);
        for i in 0..200u32 {
            s.resize(20 + i % 300, 6 + i % 150);
        }
        s.resize(100, 30);
        let bytes = s.draw(|f| f.render_widget(Paragraph::new("x"), f.area()));
        assert!(!bytes.is_empty());
        assert_eq!(s.area(), Rect::new(0, 0, 100, 30));
    }
}
