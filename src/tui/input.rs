//! Terminal input: bytes from the terminal turned into key, paste and
//! resize events, in place of crossterm's reader.
//!
//! Why our own: crossterm's parser waits, without a time limit, for the end
//! of any escape sequence it has begun. An unbracketed paste holding
//! `ESC [ ?` then froze the editor until a `u` or `c` arrived, and it read
//! `ESC [ 5;5H` as Ctrl-Home. Here, as terminals and editors do, an escape
//! sequence that is not finished within [`SEQUENCE_TIMEOUT`] is given up:
//! its introducer is dropped and every byte after it is read as typed. A
//! finished sequence that is not a key we know is dropped whole; the input
//! around it is kept.
//!
//! Keys come out as crossterm would give them (`\r` is Enter, an uppercase
//! letter carries SHIFT, `ESC x` is Alt-x), so the screens see no
//! difference, with one exception: `\n` (and `\r\n`) is Enter too, not
//! Ctrl-J. A line feed is what an unbracketed paste of several lines sends,
//! and the editors read Ctrl-J as "delete to the start of the line": pasted
//! lines would have eaten each other.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How long an unfinished escape sequence (or a lone Esc) may wait for its
/// next byte before it is given up (terminals send a sequence at once).
pub const SEQUENCE_TIMEOUT: Duration = Duration::from_millis(40);

/// The longest escape sequence waited for: longer ones are not keys.
const MAX_SEQUENCE: usize = 32;

/// A bracketed paste whose end marker never comes is delivered after this.
const PASTE_TIMEOUT: Duration = Duration::from_secs(2);

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// The byte parser, free of any terminal (tested on its own).
#[derive(Debug, Default)]
pub struct Parser {
    buf: Vec<u8>,
    events: VecDeque<Event>,
}

/// What the bytes at the front of the buffer are.
enum Step {
    /// An event, and how many bytes it took.
    Event(Event, usize),
    /// Bytes to drop (a sequence that is no key, invalid UTF-8).
    Skip(usize),
    /// The start of something unfinished: wait for more bytes.
    Wait,
}

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Adds bytes read from the terminal and parses what they complete.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.parse(false);
    }

    /// No byte came for a while: whatever is unfinished is given up (see
    /// the module's documentation) and the rest parsed.
    pub fn expire(&mut self) {
        self.parse(true);
    }

    /// Whether bytes wait for the end of a sequence (then [`Parser::expire`]
    /// is due after [`SEQUENCE_TIMEOUT`] without input).
    pub fn is_waiting(&self) -> bool {
        !self.buf.is_empty()
    }

    /// Whether the bytes waiting are a bracketed paste under way.
    fn in_paste(&self) -> bool {
        self.buf.starts_with(PASTE_START)
    }

    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    pub fn has_event(&self) -> bool {
        !self.events.is_empty()
    }

    fn parse(&mut self, expired: bool) {
        let mut at = 0;
        while at < self.buf.len() {
            match step(&self.buf[at..]) {
                Step::Event(e, n) => {
                    self.events.push_back(e);
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::Wait if !expired => break,
                Step::Wait => {
                    let rest = &self.buf[at..];
                    if rest.starts_with(PASTE_START) {
                        // A paste whose end never came: what arrived of it.
                        let text = String::from_utf8_lossy(&rest[PASTE_START.len()..]);
                        self.events.push_back(Event::Paste(text.into_owned()));
                        at = self.buf.len();
                    } else if rest == b"\x1b" {
                        self.events.push_back(Event::Key(KeyCode::Esc.into()));
                        at += 1;
                    } else if rest[0] == 0x1b {
                        // An unfinished sequence: drop its introducer (ESC
                        // and `[` or `O`), read what follows as typed.
                        at += if matches!(rest.get(1), Some(b'[' | b'O')) {
                            2
                        } else {
                            1
                        };
                    } else {
                        // An unfinished UTF-8 character: dropped.
                        at += 1;
                    }
                }
            }
        }
        self.buf.drain(..at);
    }
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn step(b: &[u8]) -> Step {
    match b[0] {
        0x1b => escape(b),
        b'\r' if b.get(1) == Some(&b'\n') => {
            Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 2)
        }
        b'\r' | b'\n' => Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 1),
        b'\t' => Step::Event(key(KeyCode::Tab, KeyModifiers::NONE), 1),
        0x7f => Step::Event(key(KeyCode::Backspace, KeyModifiers::NONE), 1),
        c @ 0x01..=0x1a => Step::Event(
            key(KeyCode::Char((c - 1 + b'a') as char), KeyModifiers::CONTROL),
            1,
        ),
        c @ 0x1c..=0x1f => Step::Event(
            key(
                KeyCode::Char((c - 0x1c + b'4') as char),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        0 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        _ => utf8(b),
    }
}

fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Skip(1),
    };
    if b.len() < len {
        // Only continuation bytes so far: wait for the rest.
        return if b[1..].iter().all(|&x| x & 0xc0 == 0x80) {
            Step::Wait
        } else {
            Step::Skip(1)
        };
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => {
            let c = s.chars().next().unwrap_or(' ');
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Event(key(KeyCode::Char(c), mods), len)
        }
        Err(_) => Step::Skip(1),
    }
}

fn escape(b: &[u8]) -> Step {
    match b.get(1) {
        None => Step::Wait,
        Some(b'[') => csi(b),
        Some(b'O') => match b.get(2) {
            None => Step::Wait,
            Some(&c) => {
                let code = match c {
                    b'A' => Some(KeyCode::Up),
                    b'B' => Some(KeyCode::Down),
                    b'C' => Some(KeyCode::Right),
                    b'D' => Some(KeyCode::Left),
                    b'H' => Some(KeyCode::Home),
                    b'F' => Some(KeyCode::End),
                    b'P'..=b'S' => Some(KeyCode::F(1 + c - b'P')),
                    _ => None,
                };
                match code {
                    Some(k) => Step::Event(key(k, KeyModifiers::NONE), 3),
                    // Not a key: ESC O dropped, the byte read as typed.
                    None => Step::Skip(2),
                }
            }
        },
        Some(0x1b) => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        Some(_) => match step(&b[1..]) {
            Step::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), n + 1)
            }
            Step::Event(e, n) => Step::Event(e, n + 1),
            Step::Skip(_) => Step::Skip(1),
            Step::Wait => Step::Wait,
        },
    }
}

/// `ESC [ params intermediates final`: a key we know, a paste, or dropped.
fn csi(b: &[u8]) -> Step {
    if b.starts_with(PASTE_START) {
        return match b[PASTE_START.len()..]
            .windows(PASTE_END.len())
            .position(|w| w == PASTE_END)
        {
            Some(end) => {
                let text = &b[PASTE_START.len()..PASTE_START.len() + end];
                Step::Event(
                    Event::Paste(String::from_utf8_lossy(text).into_owned()),
                    PASTE_START.len() + end + PASTE_END.len(),
                )
            }
            None => Step::Wait,
        };
    }
    let mut i = 2;
    while i < b.len() && (0x30..=0x3f).contains(&b[i]) {
        i += 1;
    }
    let params_end = i;
    while i < b.len() && (0x20..=0x2f).contains(&b[i]) {
        i += 1;
    }
    let Some(&fin) = b.get(i) else {
        // Unfinished: wait, unless it is already too long to be a key.
        return if b.len() >= MAX_SEQUENCE {
            Step::Skip(2)
        } else {
            Step::Wait
        };
    };
    if !(0x40..=0x7e).contains(&fin) {
        // A byte no sequence holds (a control, or text): the sequence is
        // broken; drop its introducer and read on.
        return Step::Skip(2);
    }
    let len = i + 1;
    if len > MAX_SEQUENCE {
        // Too long to be a key: ESC [ dropped, the rest read as typed.
        return Step::Skip(2);
    }
    if params_end != i {
        return Step::Skip(len);
    }
    let params = &b[2..params_end];
    match csi_key(params, fin) {
        Some(e) => Step::Event(e, len),
        None => Step::Skip(len),
    }
}

/// Parameters as numbers; `None` unless they are plain `n;n` digits.
fn numbers(params: &[u8]) -> Option<Vec<u16>> {
    if params.is_empty() {
        return Some(Vec::new());
    }
    std::str::from_utf8(params)
        .ok()?
        .split(';')
        .map(|p| p.parse::<u16>().ok())
        .collect()
}

/// xterm's modifier parameter (1 + shift 1, alt 2, ctrl 4).
fn modifiers(m: u16) -> Option<KeyModifiers> {
    if !(1..=8).contains(&m) {
        return None;
    }
    let m = m - 1;
    let mut k = KeyModifiers::NONE;
    if m & 1 != 0 {
        k |= KeyModifiers::SHIFT;
    }
    if m & 2 != 0 {
        k |= KeyModifiers::ALT;
    }
    if m & 4 != 0 {
        k |= KeyModifiers::CONTROL;
    }
    Some(k)
}

fn csi_key(params: &[u8], fin: u8) -> Option<Event> {
    let n = numbers(params)?;
    if fin == b'~' {
        let mods = match n.len() {
            1 => KeyModifiers::NONE,
            2 => modifiers(n[1])?,
            _ => return None,
        };
        let code = match n[0] {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            11..=15 => KeyCode::F(n[0] as u8 - 10),
            17..=21 => KeyCode::F(n[0] as u8 - 11),
            23 | 24 => KeyCode::F(n[0] as u8 - 12),
            _ => return None,
        };
        return Some(key(code, mods));
    }
    let code = match fin {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + fin - b'P'),
        b'Z' if n.is_empty() => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        _ => return None,
    };
    // `CSI A` or `CSI 1 ; m A`: anything else (say `CSI 5;5H`, a cursor
    // position) is no key.
    let mods = match n.as_slice() {
        [] => KeyModifiers::NONE,
        [1, m] => modifiers(*m)?,
        _ => return None,
    };
    Some(key(code, mods))
}

/// The terminal's input: reads its bytes (standard input when it is a
/// terminal, else `/dev/tty`, as crossterm does), parses them, and reports
/// resizes (SIGWINCH).
#[cfg(unix)]
pub struct Input {
    fd: std::os::fd::RawFd,
    _tty: Option<std::fs::File>,
    parser: Parser,
    /// When the last bytes arrived (for giving up unfinished sequences).
    last_bytes: Instant,
    resized: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

#[cfg(unix)]
impl Input {
    pub fn open() -> std::io::Result<Input> {
        use std::os::fd::AsRawFd;
        let (fd, tty) = if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            (libc::STDIN_FILENO, None)
        } else {
            let f = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")?;
            (f.as_raw_fd(), Some(f))
        };
        let resized = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGWINCH, resized.clone())?;
        Ok(Input {
            fd,
            _tty: tty,
            parser: Parser::new(),
            last_bytes: Instant::now(),
            resized,
        })
    }

    /// Waits up to `timeout` for an event; `Ok(true)` when one is ready.
    /// An error means the terminal is gone (closed, hung up).
    pub fn poll(&mut self, timeout: Duration) -> std::io::Result<bool> {
        use std::sync::atomic::Ordering;
        let start = Instant::now();
        loop {
            if self.parser.has_event() || self.resized.load(Ordering::SeqCst) {
                return Ok(true);
            }
            let limit = if self.parser.is_waiting() {
                let wait = if self.parser.in_paste() {
                    PASTE_TIMEOUT
                } else {
                    SEQUENCE_TIMEOUT
                };
                let due = wait.saturating_sub(self.last_bytes.elapsed());
                if due.is_zero() {
                    self.parser.expire();
                    continue;
                }
                due.min(timeout.saturating_sub(start.elapsed()))
            } else {
                timeout.saturating_sub(start.elapsed())
            };
            let mut pfd = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = limit.as_millis().min(i32::MAX as u128) as i32
                + i32::from(limit.subsec_micros() % 1000 != 0);
            // SAFETY: one valid pollfd for the terminal's descriptor.
            let n = unsafe { libc::poll(&mut pfd, 1, ms) };
            if n < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if n > 0 {
                if pfd.revents & libc::POLLIN != 0 {
                    self.read_bytes()?;
                    continue;
                }
                if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::BrokenPipe,
                        "the terminal is gone",
                    ));
                }
            }
            if start.elapsed() >= timeout && !self.parser.has_event() {
                // Time is up, unless an unfinished sequence fell due.
                if self.parser.is_waiting()
                    && !self.parser.in_paste()
                    && self.last_bytes.elapsed() >= SEQUENCE_TIMEOUT
                {
                    self.parser.expire();
                    return Ok(self.parser.has_event());
                }
                return Ok(self.resized.load(Ordering::SeqCst));
            }
        }
    }

    fn read_bytes(&mut self) -> std::io::Result<()> {
        let mut buf = [0u8; 4096];
        // SAFETY: reads at most buf.len() bytes into buf.
        let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if matches!(
                e.kind(),
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
            ) {
                return Ok(());
            }
            return Err(e);
        }
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the terminal is gone",
            ));
        }
        self.last_bytes = Instant::now();
        self.parser.feed(&buf[..n as usize]);
        Ok(())
    }

    /// The next event; call after [`Input::poll`] said one is ready.
    pub fn read(&mut self) -> std::io::Result<Event> {
        use std::sync::atomic::Ordering;
        if self.resized.swap(false, Ordering::SeqCst) {
            let (w, h) = crossterm::terminal::size()?;
            return Ok(Event::Resize(w, h));
        }
        loop {
            if let Some(e) = self.parser.next_event() {
                return Ok(e);
            }
            self.poll(Duration::from_secs(3600))?;
            if self.resized.swap(false, Ordering::SeqCst) {
                let (w, h) = crossterm::terminal::size()?;
                return Ok(Event::Resize(w, h));
            }
        }
    }
}

/// Elsewhere, crossterm's reader.
#[cfg(not(unix))]
pub struct Input;

#[cfg(not(unix))]
impl Input {
    pub fn open() -> std::io::Result<Input> {
        Ok(Input)
    }
    pub fn poll(&mut self, timeout: Duration) -> std::io::Result<bool> {
        crossterm::event::poll(timeout)
    }
    pub fn read(&mut self) -> std::io::Result<Event> {
        crossterm::event::read()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(p: &mut Parser) -> Vec<Event> {
        std::iter::from_fn(|| p.next_event()).collect()
    }

    fn typed(events: &[Event]) -> String {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) if (k.modifiers - KeyModifiers::SHIFT).is_empty() => match k.code {
                    KeyCode::Char(c) => Some(c),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    fn keys(bytes: &[u8]) -> Vec<Event> {
        let mut p = Parser::new();
        p.feed(bytes);
        p.expire();
        all(&mut p)
    }

    #[test]
    fn an_unfinished_csi_question_mark_never_holds_the_input_back() {
        // crossterm waited here for a `u` or `c` and swallowed every key.
        let mut p = Parser::new();
        p.feed(b"before \x1b[?");
        assert_eq!(typed(&all(&mut p)), "before ");
        assert!(p.is_waiting());
        // The sequence is given up once no byte comes for a moment...
        p.expire();
        assert!(!p.is_waiting());
        // Its introducer is dropped; the byte after it is kept as typed.
        assert_eq!(typed(&all(&mut p)), "?");
        // And what follows is typed as usual.
        p.feed(b"after");
        assert_eq!(typed(&all(&mut p)), "after");
    }

    #[test]
    fn a_question_mark_sequence_in_one_burst_drops_only_the_sequence() {
        // `ESC [ ? 1 0 4 9` then `h`: a whole (mode-setting) sequence, no key.
        let e = keys(b"draft \x1b[?1049hkept");
        assert_eq!(typed(&e), "draft kept");
        // Text straight after `ESC [ ?`: its first letter ends the
        // sequence; everything after it is kept.
        let e = keys(b"one \x1b[?two three");
        assert_eq!(typed(&e), "one wo three");
    }

    #[test]
    fn a_cursor_position_sequence_is_not_ctrl_home() {
        let e = keys(b"abc\x1b[5;5Hdef");
        assert_eq!(typed(&e), "abcdef");
        assert!(
            e.iter()
                .all(|e| !matches!(e, Event::Key(k) if k.code == KeyCode::Home)),
            "{e:?}"
        );
        // The real Ctrl-Home still is.
        assert_eq!(
            keys(b"\x1b[1;5H"),
            [key(KeyCode::Home, KeyModifiers::CONTROL)]
        );
    }

    #[test]
    fn a_line_feed_is_enter_so_pasted_lines_stay_lines() {
        // Unbracketed pastes send "\n" (or "\r\n") between lines; as
        // Ctrl-J the editors would delete each line as the next began.
        let enter = key(KeyCode::Enter, KeyModifiers::NONE);
        let e = keys(b"ab\ncd\r\nef\rg");
        let enters = e.iter().filter(|x| **x == enter).count();
        assert_eq!(enters, 3, "{e:?}");
        assert!(
            !e.iter()
                .any(|x| *x == key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            "{e:?}"
        );
        assert_eq!(e.len(), 10, "7 letters and 3 line ends: {e:?}");
    }

    #[test]
    fn keys_come_out_as_crossterm_gives_them() {
        assert_eq!(keys(b"\r"), [key(KeyCode::Enter, KeyModifiers::NONE)]);
        assert_eq!(
            keys(b"\x0b"),
            [key(KeyCode::Char('k'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"\x13"),
            [key(KeyCode::Char('s'), KeyModifiers::CONTROL)]
        );
        assert_eq!(keys(b"A"), [key(KeyCode::Char('A'), KeyModifiers::SHIFT)]);
        assert_eq!(keys(b"\x1b[A"), [key(KeyCode::Up, KeyModifiers::NONE)]);
        assert_eq!(keys(b"\x1bOB"), [key(KeyCode::Down, KeyModifiers::NONE)]);
        assert_eq!(keys(b"\x1b[3~"), [key(KeyCode::Delete, KeyModifiers::NONE)]);
        assert_eq!(
            keys(b"\x1b[6~"),
            [key(KeyCode::PageDown, KeyModifiers::NONE)]
        );
        assert_eq!(
            keys(b"\x1b[Z"),
            [key(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
        assert_eq!(keys(b"\x1bOP"), [key(KeyCode::F(1), KeyModifiers::NONE)]);
        assert_eq!(keys(b"\x1b[15~"), [key(KeyCode::F(5), KeyModifiers::NONE)]);
        assert_eq!(keys(b"\x1bx"), [key(KeyCode::Char('x'), KeyModifiers::ALT)]);
        assert_eq!(keys(b"\x7f"), [key(KeyCode::Backspace, KeyModifiers::NONE)]);
        assert_eq!(keys("é日".as_bytes()).len(), 2);
    }

    #[test]
    fn a_lone_escape_is_the_esc_key_once_nothing_follows() {
        let mut p = Parser::new();
        p.feed(b"\x1b");
        assert!(all(&mut p).is_empty());
        p.expire();
        assert_eq!(all(&mut p), [key(KeyCode::Esc, KeyModifiers::NONE)]);
        assert_eq!(
            keys(b"\x1b\x1b"),
            [
                key(KeyCode::Esc, KeyModifiers::NONE),
                key(KeyCode::Esc, KeyModifiers::NONE)
            ]
        );
    }

    #[test]
    fn sequences_split_across_reads_are_joined() {
        let mut p = Parser::new();
        p.feed(b"\x1b[");
        p.feed(b"1;5");
        assert!(all(&mut p).is_empty());
        p.feed(b"C");
        assert_eq!(all(&mut p), [key(KeyCode::Right, KeyModifiers::CONTROL)]);
        let mut p = Parser::new();
        p.feed(&"日".as_bytes()[..2]);
        assert!(all(&mut p).is_empty());
        p.feed(&"日".as_bytes()[2..]);
        assert_eq!(typed(&all(&mut p)), "日");
    }

    #[test]
    fn bracketed_paste_holds_escapes_as_text() {
        let e = keys(b"\x1b[200~a\x1b[?b\r\nc\x1b[201~z");
        assert_eq!(e[0], Event::Paste("a\x1b[?b\r\nc".into()));
        assert_eq!(e[1], key(KeyCode::Char('z'), KeyModifiers::NONE));
        // An unterminated paste is delivered once it times out.
        let mut p = Parser::new();
        p.feed(b"\x1b[200~half");
        assert!(all(&mut p).is_empty());
        p.expire();
        assert_eq!(all(&mut p), [Event::Paste("half".into())]);
    }

    #[test]
    fn an_endless_sequence_is_not_waited_for() {
        let mut bytes = b"\x1b[".to_vec();
        bytes.extend(std::iter::repeat_n(b'1', 40));
        bytes.extend(b"x");
        let mut p = Parser::new();
        p.feed(&bytes);
        // Too long to be a key: given up at once, the digits typed.
        let e = all(&mut p);
        assert_eq!(typed(&e), format!("{}x", "1".repeat(40)));
    }
}
