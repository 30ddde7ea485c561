//! How one-time codes reach residents' phones. The server only knows the
//! [`SmsSender`] interface; a deployment picks an implementation in its
//! configuration ([`crate::config::SmsConfig`]):
//! - [`CommandSms`]: a program the operator provides (a gateway's CLI, a script
//!   around a modem), given the phone number as its argument and the text on stdin;
//! - [`WebhookSms`]: an HTTP(S) POST of `{"phone", "message"}` to the operator's
//!   gateway.
//!
//! Development mode needs neither: codes go to the log and to the officials'
//! development endpoint. Outside it, codes are never logged.

mod command;
mod webhook;

use std::future::Future;
use std::pin::Pin;

pub use command::CommandSms;
pub use webhook::WebhookSms;

use crate::config::SmsConfig;

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("the SMS gateway did not answer in time")]
    Timeout,
    #[error("the SMS gateway refused the message: {0}")]
    Refused(String),
    #[error("cannot reach the SMS gateway: {0}")]
    Unreachable(String),
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SmsError>> + Send + 'a>>;

/// Delivers one text message to one phone (`+84…`).
pub trait SmsSender: Send + Sync + std::fmt::Debug {
    fn send<'a>(&'a self, phone: &'a str, message: &'a str) -> SendFuture<'a>;
}

/// The text of a sign-in code message: Vietnamese first, then English.
pub fn code_message(code: &str, ttl_minutes: u64) -> String {
    format!(
        "Mã đăng nhập iHaNoi: {code} (hết hạn sau {ttl_minutes} phút). Không chia sẻ mã này. \
         — iHaNoi sign-in code: {code} (expires in {ttl_minutes} min). Do not share it."
    )
}

/// The sender a configuration asks for; `None` when it configures none.
pub fn from_config(config: &SmsConfig) -> Result<Option<Box<dyn SmsSender>>, SmsError> {
    Ok(match config {
        SmsConfig::None => None,
        SmsConfig::Command(program) => Some(Box::new(CommandSms::new(program.clone()))),
        SmsConfig::Webhook(url) => Some(Box::new(WebhookSms::new(url)?)),
    })
}
