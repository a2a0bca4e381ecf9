fn main() {
    println!("collab");
}
