//! Masking in every log format, short secrets, options and URLs.
use super::*;

#[test]
fn masks() {
    let cases: &[(&str, &str)] = &[
        ("Command:\tPASS s3cret", "Command:\tPASS ****"),
        ("*cmd* 'PASS ********'", "*cmd* 'PASS ****'"),
        (
            "*cmd* 'USER deploy'\n*resp* '331 User deploy OK. Password required'",
            "*cmd* 'USER ****'\n*resp* '331 User **** OK. Password required'",
        ),
        ("pass hunter2\r\n", "pass ****\r\n"),
        ("> 2024-05-01 10:00:00.161 PASS hunter2", "> 2024-05-01 10:00:00.161 PASS ****"),
        ("$ curl -v -u bob:pw ftp://bob:pw@ftp.example.com/", "$ curl -v -u **** ftp://****@ftp.example.com/"),
        ("$ curl --user=bob:pw ftp://x/", "$ curl --user=**** ftp://x/"),
        ("USER anonymous\nPASS guest@", "USER anonymous\nPASS ****"),
        // Conventional anonymous passwords and command words: in place only.
        ("USER anonymous\nPASS ftp\nCWD /pub/ftp\n", "USER anonymous\nPASS ****\nCWD /pub/ftp\n"),
        ("USER kim\nPASS list\nLIST\n150 list of files", "USER ****\nPASS ****\nLIST\n150 list of files"),
        ("USER alice\nCWD /home/alice\n250 ok, alicea stays", "USER ****\nCWD /home/****\n250 ok, alicea stays"),
        ("PASV\n227 Entering Passive Mode (1,2,3,4,5,6)\n", "PASV\n227 Entering Passive Mode (1,2,3,4,5,6)\n"),
        ("PASS", "PASS"),
        ("Passwords are fine", "Passwords are fine"),
        // Short names: in login replies, not elsewhere.
        ("USER jo\n230 jo logged in\n250 jo.txt deleted", "USER ****\n230 **** logged in\n250 jo.txt deleted"),
        // ftplib level 2 (`*put*`) and level 1 (`*cmd*`), and the password elsewhere.
        (
            ">>> ftp.login('dave', 'Sup3rS3cret')\n*cmd* 'USER dave'\n*cmd* 'PASS Sup3rS3cret'\n*put* 'PASS Sup3rS3cret\\r\\n'",
            ">>> ftp.login('****', '****')\n*cmd* 'USER ****'\n*cmd* 'PASS ****'\n*put* 'PASS ****\\r\\n'",
        ),
        (
            "*put* 'USER dave\\r\\n'\n*get* '331 Password required for dave\\r\\n'",
            "*put* 'USER ****\\r\\n'\n*get* '331 Password required for ****\\r\\n'",
        ),
        // curl's -u without a blank; lftp's user,password.
        ("$ curl -ubob:pw ftp://x/\n> USER bob", "$ curl -u**** ftp://x/\n> USER ****"),
        ("$ lftp -u carol,Pa55word host\n---> PASS Pa55word", "$ lftp -u **** host\n---> PASS ****"),
        // FileZilla in German.
        ("Befehl:\tUSER paul\nBefehl:\tPASS geheim", "Befehl:\tUSER ****\nBefehl:\tPASS ****"),
        // A debug trace.
        (
            "Command:\tUSER frank\nTrace:\tCFtpControlSocket::SendNextCommand() PASS frankpw",
            "Command:\tUSER ****\nTrace:\tCFtpControlSocket::SendNextCommand() PASS ****",
        ),
        // Short passwords: quoted, not as words.
        ("login('kim', 'pw')\nUSER kim\nPASS pw\n150 pw of data", "login('****', '****')\nUSER ****\nPASS ****\n150 pw of data"),
        ("USER jo\n. Session name: jo@ftp.example.com", "USER ****\n. Session name: ****@ftp.example.com"),
        ("-user is a word; re-use -u", "-user is a word; re-use -u"),
        // curl's -u fused with short options that take no argument, value glued or not.
        ("$ curl -vubob:secret ftp://host/", "$ curl -vu**** ftp://host/"),
        ("$ curl -svu bob:secret ftp://host/", "$ curl -svu **** ftp://host/"),
        ("$ curl -sSvkubob:pw ftp://host/\n> PASS pw", "$ curl -sSvku**** ftp://host/\n> PASS ****"),
        // Not -u: an option that takes an argument comes first (`-o user:x`), or a word.
        ("$ curl -ouser:x ftp://host/", "$ curl -ouser:x ftp://host/"),
        ("a -menu item, -vuser", "a -menu item, -vuser"),
    ];
    for (input, want) in cases {
        assert_eq!(redact(input), *want, "{input:?}");
        assert_eq!(redact(want), *want, "idempotent: {want:?}");
    }
}
