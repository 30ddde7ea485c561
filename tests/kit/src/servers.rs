//! Hand-written loopback servers for what the reference server never does.

use tokio::io::AsyncReadExt;

/// A server that takes every request and never answers. The receiver gets one
/// message per request read, so a test waits on "the request is in", not on
/// time (then cancels, or checks what a second call does meanwhile).
pub async fn silent_server() -> (String, tokio::sync::mpsc::Receiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (arrived, requests) = tokio::sync::mpsc::channel::<()>(4);
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 16 * 1024];
            let _ = socket.read(&mut buf).await;
            let _ = arrived.send(()).await;
            held.push(socket);
        }
    });
    (url, requests)
}
