fn main() {
    pasv_lens_web::start();
}
