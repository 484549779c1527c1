fn main() {
    let p = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let r = pipeline::extract::extract_path(&p, pipeline::extract::Format::of(&p), &Default::default());
    match r { Ok(x) => for b in x.blocks { println!("{:?} p{:?} {:?}: {}", b.kind, b.page, b.speaker, b.text) }, Err(e) => println!("ERR {e}") }
}
