//! A Tauri 2 window showing an empty page and nothing else: the floor under Thidua's launch time
//! and memory, built in the same run with the same WebKitGTK (`./dev.sh bench`).

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the bare window starts");
}
