//! An operator's program sends the message: `PROGRAM +84912345678` with the text on
//! standard input. The code is never on the command line (other users see argv in
//! `ps`), and the program gets a bounded time.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use super::{SendFuture, SmsError, SmsSender};

const TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, Clone)]
pub struct CommandSms {
    program: PathBuf,
}

impl CommandSms {
    pub fn new(program: PathBuf) -> Self {
        CommandSms { program }
    }

    async fn run(&self, phone: &str, message: &str) -> Result<(), SmsError> {
        let mut child = tokio::process::Command::new(&self.program)
            .arg(phone)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| SmsError::Unreachable(e.to_string()))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(message.as_bytes())
                .await
                .map_err(|e| SmsError::Unreachable(e.to_string()))?;
        }
        let output = child
            .wait_with_output()
            .await
            .map_err(|e| SmsError::Unreachable(e.to_string()))?;
        if output.status.success() {
            Ok(())
        } else {
            // The program's own words, cut short; it never saw the code in argv.
            let said: String = String::from_utf8_lossy(&output.stderr)
                .chars()
                .take(200)
                .collect();
            Err(SmsError::Refused(format!("{}: {said}", output.status)))
        }
    }
}

impl SmsSender for CommandSms {
    fn send<'a>(&'a self, phone: &'a str, message: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            tokio::time::timeout(TIMEOUT, self.run(phone, message))
                .await
                .map_err(|_| SmsError::Timeout)?
        })
    }
}
