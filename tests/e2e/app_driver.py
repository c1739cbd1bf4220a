"""Small helpers for driving Thidua's screens through WebDriver."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait


def tid(name: str) -> str:
    return f'[data-testid="{name}"]'


class App:
    def __init__(self, driver):
        self.d = driver
        self.wait = WebDriverWait(driver, 15)
        # What a clerk would have done by hand: keys pressed (text typed counts per character, a
        # paste as one Ctrl+V) and mouse clicks.
        self.keystrokes = 0
        self.clicks = 0

    def find(self, testid: str):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, tid(testid))))

    def visible(self, testid: str):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, tid(testid))))

    def click(self, testid: str):
        el = self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, tid(testid))))
        # WebKitWebDriver does not scroll the app's inner scrolling area: bring it in view first.
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()
        self.clicks += 1
        return el

    def gone(self, testid: str):
        self.wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, tid(testid))))

    def screen(self, name: str):
        self.click(f"nav-{name}")
        return self.visible(f"screen-{name}")

    def year(self, year: int):
        """Types a year into the header's year control and commits it with Enter."""
        el = self.visible("year")
        el.send_keys(Keys.CONTROL, "a")
        el.send_keys(str(year), Keys.ENTER)
        self.keystrokes += 2 + len(str(year))
        self.wait.until(lambda d: self.find("year").get_attribute("value") == str(year))

    def type(self, testid: str, text: str, clear=True):
        el = self.visible(testid)
        if clear:
            el.clear()
        el.send_keys(text)
        self.keystrokes += len(text)
        return el

    def pick(self, testid: str, text: str):
        """Types into a picker and takes the first suggestion with Enter."""
        el = self.type(testid, text)
        time.sleep(0.2)
        el.send_keys(Keys.ENTER)
        self.keystrokes += 1
        return el

    def paste(self, testid: str, text: str):
        """Puts text into a field as a paste does (WebDriver's typed newlines do not reach a
        WebKitGTK textarea), then lets the page see the input."""
        el = self.visible(testid)
        self.d.execute_script(
            "arguments[0].focus();"
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            el,
            text,
        )
        self.keystrokes += 1
        return el

    def select_text(self, testid: str, passage: str):
        """Selects the first occurrence of `passage` in an element's text, as a mouse drag does."""
        self.d.execute_script(
            "const el = document.querySelector(`[data-testid=${arguments[0]}]`);"
            "const node = el.firstChild; const at = node.textContent.indexOf(arguments[1]);"
            "const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + arguments[1].length);"
            "const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);",
            testid,
            passage,
        )
        self.clicks += 1

    def press(self, testid: str, *keys):
        """Presses keys in a field (arrows, Enter…), each one keystroke."""
        el = self.visible(testid)
        for k in keys:
            el.send_keys(k)
            self.keystrokes += 1
            time.sleep(0.1)
        return el

    def select(self, testid: str, value: str):
        Select(self.visible(testid)).select_by_value(value)
        self.clicks += 1

    def keys(self, *keys):
        """Presses a chord on whatever has focus, e.g. keys(Keys.CONTROL, "k")."""
        chain = ActionChains(self.d)
        mods = keys[:-1]
        for m in mods:
            chain.key_down(m)
        chain.send_keys(keys[-1])
        for m in reversed(mods):
            chain.key_up(m)
        chain.perform()
        self.keystrokes += 1

    def text(self, testid: str) -> str:
        return self.visible(testid).text

    def wait_text(self, testid: str, needle: str):
        self.wait.until(lambda d: needle in d.find_element(By.CSS_SELECTOR, tid(testid)).text)
        return self.text(testid)

    def rows(self, table_testid: str):
        return self.d.find_elements(By.CSS_SELECTOR, f"{tid(table_testid)} .row")
