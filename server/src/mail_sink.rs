//! A small SMTP server that accepts every message and writes it as an `.eml` file: a local
//! sink for trying the platform over real SMTP, for the tests and for the benchmarks
//! (`server mail-sink`). It is not a mail server: nothing is relayed, nobody signs in, and
//! it listens on loopback unless told otherwise.
//!
//! A message is written before the sink answers `250` to it, as a real server stores it
//! before acknowledging: a sender that saw `250` can count the message as delivered.
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// Largest message accepted, in bytes.
const MESSAGE_MAX: usize = 50 * 1024 * 1024;
/// Longest command line, in bytes (RFC 5321 allows 512; some clients send more).
const LINE_MAX: usize = 4096;

/// How the sink behaves, for tests of a real server's answers.
#[derive(Clone, Debug, Default)]
pub struct SinkOptions {
    /// Recipients whose address contains this text are refused for good (`550`).
    pub refuse: Option<String>,
    /// How long the sink takes to accept each message.
    pub delay: Duration,
}

/// A running sink; stopping it closes the listener and every open connection, as a
/// crashed mail server would.
pub struct Sink {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Sink {
    /// Listens on `addr` (port 0: any free port) and writes messages into `dir`.
    pub async fn start(addr: SocketAddr, dir: PathBuf, options: SinkOptions) -> std::io::Result<Sink> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(accept(listener, Arc::new((dir, options))));
        Ok(Sink { addr, task })
    }

    pub fn stop(self) {
        self.task.abort();
    }

    /// Until the process stops.
    pub async fn run(self) {
        let _ = self.task.await;
    }
}

async fn accept(listener: TcpListener, setup: Arc<(PathBuf, SinkOptions)>) {
    // Dropped with this task: stopping the sink ends every session.
    let mut sessions = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let setup = setup.clone();
                    sessions.spawn(async move {
                        if let Err(e) = session(stream, &setup.0, &setup.1).await {
                            tracing::debug!(error = %e, "SMTP session ended");
                        }
                    });
                }
                Err(e) => tracing::warn!(error = %e, "cannot accept an SMTP connection"),
            },
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
}

/// One SMTP session (RFC 5321, the part senders use).
async fn session(stream: TcpStream, dir: &Path, options: &SinkOptions) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 localhost ESMTP sink ready\r\n").await?;
    let mut recipients = 0_usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        if (&mut read).take(LINE_MAX as u64).read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line);
        let verb = command.split([' ', '\r', '\n']).next().unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800\r\n",
            "HELO" => b"250 localhost\r\n",
            "MAIL" | "RSET" => {
                recipients = 0;
                b"250 2.0.0 OK\r\n"
            }
            "RCPT" if options.refuse.as_deref().is_some_and(|r| command.contains(r)) => {
                b"550 5.1.1 mailbox unavailable\r\n"
            }
            "RCPT" => {
                recipients += 1;
                b"250 2.1.5 OK\r\n"
            }
            "DATA" if recipients == 0 => b"554 5.5.1 no valid recipients\r\n",
            "DATA" => {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let message = read_message(&mut read).await?;
                recipients = 0;
                match message {
                    Some(bytes) => {
                        tokio::time::sleep(options.delay).await;
                        app::ssr::infra::mailer::write_eml(dir, &bytes).await?;
                        b"250 2.0.0 stored\r\n"
                    }
                    None => b"552 5.3.4 message too big\r\n",
                }
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                write.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// Reads the message after `DATA` up to the line holding only a dot, undoing the dot
/// stuffing; `None` when it is larger than [`MESSAGE_MAX`] (read to its end all the same).
async fn read_message<R: tokio::io::AsyncBufRead + Unpin>(read: &mut R) -> std::io::Result<Option<Vec<u8>>> {
    let mut message = Vec::new();
    let mut too_big = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok((!too_big).then_some(message));
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        too_big |= message.len() + unstuffed.len() > MESSAGE_MAX;
        if !too_big {
            message.extend_from_slice(unstuffed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_message;

    #[tokio::test]
    async fn a_message_ends_at_the_lone_dot_and_loses_its_stuffing() {
        let mut input: &[u8] = b"Subject: x\r\n\r\n..leading dot\r\nplain\r\n.\r\nQUIT\r\n";
        let message = read_message(&mut input).await.unwrap().unwrap();
        assert_eq!(message, b"Subject: x\r\n\r\n.leading dot\r\nplain\r\n");
        assert_eq!(input, b"QUIT\r\n");
    }
}
