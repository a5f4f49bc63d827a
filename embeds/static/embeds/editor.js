// The newsroom's own extensions of the body editor (django-prose-editor / Tiptap), loaded through
// DJANGO_PROSE_EDITOR_EXTENSIONS (settings) and named in articles.html.BODY_EXTENSIONS:
//
//   NewsroomImage  a picture from the library (search, upload with alt text, caption, credit)
//                  stored as <figure data-image="12"></figure>
//   NewsroomEmbed  a video or post by its address, resolved by the server (oEmbed)
//                  stored as <figure data-embed="https://…"></figure>
//   PullQuote      <aside class="pull-quote"><p>…</p></aside>
//   EditorNote     a note on a passage: <span data-note="KEY">passage</span>; the note's words are kept
//                  by the server (embeds.EditorNote), never in the body
//   WordCount      the live count of words and characters under the editor
//
// The server's endpoints are under the embeds' admin page (embeds/admin.py); the allow-list that keeps
// exactly these forms is embeds/prose.py. No inline style or script: the admin's CSP allows neither.
import { Extension, Mark, Node } from "django-prose-editor/editor"

const ADMIN = (document.querySelector("#site-name a")?.getAttribute("href") || "/admin/").replace(/\/?$/, "/")
const API = `${ADMIN}embeds/embed/editor/`

let stringsPromise = null
function strings() {
  if (!stringsPromise) {
    stringsPromise = fetch(`${API}strings/`, { credentials: "same-origin" })
      .then((answer) => (answer.ok ? answer.json() : {}))
      .catch(() => ({}))
  }
  return stringsPromise
}
// The buttons' titles are made when the editor starts: the words are there before (top-level await).
const T = await strings()
const t = (key) => T[key] || key

function stylesheet() {
  if (document.querySelector("link[data-newsroom-editor]")) return
  const link = document.createElement("link")
  link.rel = "stylesheet"
  link.href = new URL("./editor.css", import.meta.url).href
  link.dataset.newsroomEditor = ""
  document.head.append(link)
}
stylesheet()

function csrfToken() {
  return document.querySelector("input[name=csrfmiddlewaretoken]")?.value || ""
}

async function post(path, data) {
  const body = data instanceof FormData ? data : new URLSearchParams(data)
  const answer = await fetch(`${API}${path}`, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrfToken() },
  })
  let json = {}
  try {
    json = await answer.json()
  } catch {
    json = { errors: [t("failed")] }
  }
  return { ok: answer.ok, json }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value
    else if (key === "text") node.textContent = value
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value)
    else if (value === true) node.setAttribute(key, "")
    else if (value !== false && value != null) node.setAttribute(key, value)
  }
  node.append(...children.filter((child) => child != null))
  return node
}

// A picture or an embed goes where the cursor is; a selected picture or embed is kept, the new one
// goes after it (insertContent would replace it).
function insertBlock(editor, content) {
  const { selection } = editor.state
  const chain = editor.chain().focus()
  ;(selection.node ? chain.insertContentAt(selection.to, content) : chain.insertContent(content)).run()
}

let dialogCount = 0
function openDialog(editor, title, build) {
  const id = `newsroom-editor-dialog-${++dialogCount}`
  const dialog = el("dialog", { class: "newsroom-editor-dialog", "aria-labelledby": `${id}-title` })
  const close = () => {
    dialog.close()
    editor.view.focus()
  }
  dialog.append(
    el("h2", { id: `${id}-title`, text: title }),
    build(close),
    el("p", { class: "newsroom-editor-dialog-close" }, el("button", { type: "button", class: "button", text: t("close"), onclick: close })),
  )
  dialog.addEventListener("close", () => {
    dialog.remove()
    editor.view.focus() // back to the text, where the cursor was (not to the toolbar's button)
  })
  document.body.append(dialog)
  dialog.showModal()
  return dialog
}

function errorList(box, messages) {
  box.replaceChildren(...[].concat(messages || []).map((message) => el("li", { text: message })))
  box.hidden = !box.children.length
}

// ---- Pictures from the library ---------------------------------------------------------------

function pictureDialog(editor) {
  openDialog(editor, t("picture"), (close) => {
    const insert = (image) => {
      insertBlock(editor, { type: "newsroomImage", attrs: { image: String(image.id), thumbnail: image.thumbnail, alt: image.alt } })
      close()
    }
    const results = el("ul", { class: "newsroom-picker-results", "aria-live": "polite" })
    const query = el("input", { type: "search", name: "q", placeholder: t("searchPlaceholder"), "aria-label": t("search") })
    let asked = 0
    const search = async () => {
      const mine = ++asked
      const answer = await fetch(`${API}images/?q=${encodeURIComponent(query.value)}`, { credentials: "same-origin" })
      const found = answer.ok ? (await answer.json()).results : []
      if (mine !== asked) return // a later search has been asked for: its answer counts
      results.replaceChildren(
        ...(found.length
          ? found.map((image) =>
              el(
                "li",
                {},
                el(
                  "button",
                  { type: "button", class: "newsroom-picker-choice", "data-image": image.id, onclick: () => insert(image) },
                  el("img", { src: image.thumbnail, alt: "", width: "96", height: "96" }),
                  el("span", { dir: "auto", text: image.alt }),
                ),
              ),
            )
          : [el("li", { text: t("noResults") })]),
      )
    }
    let timer = null
    query.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(search, 250)
    })
    query.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault()
        search()
      }
    })
    search()

    const errors = el("ul", { class: "errorlist", hidden: true, role: "alert" })
    const file = el("input", { type: "file", name: "file", accept: "image/jpeg,image/png,image/webp,image/gif", required: true })
    const alt = el("input", { type: "text", name: "alt_text", maxlength: "300", required: true })
    const caption = el("textarea", { name: "caption", rows: "2" })
    const credit = el("input", { type: "text", name: "credit", maxlength: "200" })
    const field = (label, input) => el("p", {}, el("label", {}, el("span", { text: label }), input))
    const submit = el("button", { type: "submit", class: "button default", text: t("uploadInsert") })
    const form = el(
      "form",
      {
        class: "newsroom-picker-upload",
        onsubmit: async (event) => {
          event.preventDefault()
          if (!form.reportValidity()) return
          submit.disabled = true
          submit.textContent = t("working")
          const data = new FormData(form)
          const { ok, json } = await post("images/upload/", data)
          submit.disabled = false
          submit.textContent = t("uploadInsert")
          if (ok) insert(json)
          else errorList(errors, Object.values(json.errors || {}).flat())
        },
      },
      errors,
      field(t("file"), file),
      field(t("altText"), alt),
      field(t("caption"), caption),
      field(t("credit"), credit),
      el("p", {}, submit),
    )
    return el(
      "div",
      {},
      el("section", {}, el("h3", { text: t("search") }), el("p", {}, query), results),
      el("section", {}, el("h3", { text: t("upload") }), form),
    )
  })
}

export const NewsroomImage = Node.create({
  name: "newsroomImage",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => ({ "data-image": attributes.image }),
      },
      // Shown in the editor only, never stored.
      thumbnail: { default: "", rendered: false },
      alt: { default: "", rendered: false },
    }
  },
  parseHTML() {
    return [{ tag: "figure[data-image]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },
  addNodeView() {
    return ({ node }) => {
      const dom = el("figure", { class: "newsroom-node newsroom-node-image", "data-image": node.attrs.image, contenteditable: "false" })
      const src = node.attrs.thumbnail || `${ADMIN}images/image/${node.attrs.image}/thumbnail/`
      dom.append(el("img", { src, alt: node.attrs.alt || "", width: "160", height: "160" }), el("figcaption", { text: `${t("pictureLabel")} #${node.attrs.image}${node.attrs.alt ? ` — ${node.attrs.alt}` : ""}` }))
      return { dom }
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "newsroomImage",
      groups: "nodes",
      button: buttons.material("add_photo_alternate", t("picture")),
      command: (editor) => pictureDialog(editor),
    })
  },
})

// ---- Embeds ----------------------------------------------------------------------------------

function embedDialog(editor) {
  openDialog(editor, t("embed"), (close) => {
    const errors = el("ul", { class: "errorlist", hidden: true, role: "alert" })
    const url = el("input", { type: "url", name: "url", required: true, placeholder: "https://", size: "60", dir: "ltr" })
    const submit = el("button", { type: "submit", class: "button default", text: t("insert") })
    const form = el(
      "form",
      {
        class: "newsroom-embed-form",
        onsubmit: async (event) => {
          event.preventDefault()
          if (!form.reportValidity()) return
          submit.disabled = true
          submit.textContent = t("embedding")
          const { ok, json } = await post("embed/", { url: url.value })
          submit.disabled = false
          submit.textContent = t("insert")
          if (!ok) {
            errorList(errors, json.errors)
            return
          }
          insertBlock(editor, { type: "newsroomEmbed", attrs: { url: json.url, title: json.title, provider: json.provider } })
          close()
        },
      },
      errors,
      el("p", {}, el("label", {}, el("span", { text: t("embedUrl") }), url)),
      el("p", {}, submit),
    )
    return form
  })
}

export const NewsroomEmbed = Node.create({
  name: "newsroomEmbed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      url: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-embed"),
        renderHTML: (attributes) => ({ "data-embed": attributes.url }),
      },
      title: { default: "", rendered: false },
      provider: { default: "", rendered: false },
    }
  },
  parseHTML() {
    return [{ tag: "figure[data-embed]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },
  addNodeView() {
    return ({ node }) => {
      const label = [t("embedLabel"), node.attrs.provider, node.attrs.title].filter(Boolean).join(" — ")
      return {
        dom: el(
          "figure",
          { class: "newsroom-node newsroom-node-embed", "data-embed": node.attrs.url, contenteditable: "false" },
          el("span", { class: "material-icons", "aria-hidden": "true", text: "smart_display" }),
          el("figcaption", {}, el("strong", { text: label }), el("br"), el("span", { dir: "ltr", text: node.attrs.url })),
        ),
      }
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "newsroomEmbed",
      groups: "nodes",
      button: buttons.material("smart_display", t("embed")),
      command: (editor) => embedDialog(editor),
    })
  },
})

// ---- Pull quotes -----------------------------------------------------------------------------

export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  content: "paragraph+",
  defining: true,
  parseHTML() {
    return [{ tag: "aside.pull-quote" }]
  },
  renderHTML() {
    return ["aside", { class: "pull-quote" }, 0]
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "pullQuote",
      groups: "nodes",
      button: buttons.material("text_increase", t("pullQuote")),
      command: (editor) => editor.chain().focus().toggleWrap("pullQuote").run(),
      active: (editor) => editor.isActive("pullQuote"),
    })
  },
})

// ---- Editor's notes --------------------------------------------------------------------------

const noteTexts = new Map()

async function loadNotes(keys) {
  const missing = keys.filter((key) => !noteTexts.has(key))
  if (!missing.length) return
  const answer = await fetch(`${API}notes/?keys=${missing.join(",")}`, { credentials: "same-origin" })
  if (!answer.ok) return
  for (const [key, note] of Object.entries(await answer.json())) noteTexts.set(key, note)
}

function noteDialog(editor) {
  const existing = editor.getAttributes("editorNote").key
  if (!existing && editor.state.selection.empty) {
    openDialog(editor, t("note"), () => el("p", { role: "alert", text: t("noteNeedsSelection") }))
    return
  }
  openDialog(editor, t("note"), (close) => {
    const errors = el("ul", { class: "errorlist", hidden: true, role: "alert" })
    const text = el("textarea", { name: "text", rows: "4", cols: "50", required: true })
    text.value = existing ? noteTexts.get(existing)?.text || "" : ""
    const form = el(
      "form",
      {
        class: "newsroom-note-form",
        onsubmit: async (event) => {
          event.preventDefault()
          if (!form.reportValidity()) return
          const { ok, json } = await post("notes/", { text: text.value, key: existing || "" })
          if (!ok) {
            errorList(errors, json.errors)
            return
          }
          noteTexts.set(json.key, { text: json.text, author: json.author })
          if (!existing) {
            const end = editor.state.selection.to
            editor.chain().setMark("editorNote", { key: json.key }).setTextSelection(end).run()
          }
          editor.storage.wordCount.refresh?.() // redraw the notes list
          close()
        },
      },
      errors,
      el("p", {}, el("label", {}, el("span", { text: t("noteText") }), text)),
      el(
        "p",
        {},
        el("button", { type: "submit", class: "button default", text: t("noteSave") }),
        existing
          ? el("button", {
              type: "button",
              class: "button",
              text: t("noteRemove"),
              onclick: () => {
                editor.chain().focus().extendMarkRange("editorNote").unsetMark("editorNote").run()
                close()
              },
            })
          : null,
      ),
    )
    return form
  })
}

export const EditorNote = Mark.create({
  name: "editorNote",
  inclusive: false,
  excludes: "",
  addAttributes() {
    return {
      key: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-note"),
        renderHTML: (attributes) => ({ "data-note": attributes.key }),
      },
    }
  },
  parseHTML() {
    return [{ tag: "span[data-note]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", HTMLAttributes, 0]
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "editorNote",
      groups: "marks",
      button: buttons.material("sticky_note_2", t("note")),
      command: (editor) => noteDialog(editor),
      active: (editor) => editor.isActive("editorNote"),
    })
  },
})

// ---- The live count and the list of notes under the editor ------------------------------------

const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu

export function countText(text) {
  return { words: (text.match(WORD) || []).length, characters: [...text.replace(/\s+/g, " ").trim()].length }
}

export const WordCount = Extension.create({
  name: "wordCount",
  addStorage() {
    return { refresh: null }
  },
  onCreate() {
    const host = this.editor.view.dom.closest(".prose-editor") || this.editor.view.dom.parentElement
    this.storage.count = el("p", { class: "newsroom-word-count", "aria-live": "polite", role: "status" })
    this.storage.notes = el("ul", { class: "newsroom-notes", hidden: true })
    host.append(this.storage.count, this.storage.notes) // under the text, inside the editor's frame
    this.storage.refresh = () => {
      const doc = this.editor.state.doc
      const { words, characters } = countText(doc.textBetween(0, doc.content.size, " ", " "))
      this.storage.count.textContent = (T.count || "%(words)s words · %(characters)s characters")
        .replace("%(words)s", words.toLocaleString())
        .replace("%(characters)s", characters.toLocaleString())
      const passages = []
      doc.descendants((node) => {
        const mark = node.marks?.find((found) => found.type.name === "editorNote")
        if (!mark) return
        const last = passages[passages.length - 1]
        if (last && last.key === mark.attrs.key) last.text += node.text || ""
        else passages.push({ key: mark.attrs.key, text: node.text || "" })
      })
      const draw = () => {
        this.storage.notes.replaceChildren(
          ...passages.map((passage) => {
            const note = noteTexts.get(passage.key)
            return el(
              "li",
              { "data-note": passage.key },
              el("q", { dir: "auto", text: passage.text }),
              " ",
              el("span", { dir: "auto", text: note ? note.text : "…" }),
              note?.author ? el("span", { class: "newsroom-note-author", text: ` — ${note.author}` }) : null,
            )
          }),
        )
        this.storage.notes.hidden = !passages.length
      }
      draw()
      loadNotes(passages.map((passage) => passage.key)).then(draw)
    }
    this.storage.refresh()
  },
  onUpdate() {
    this.storage.refresh?.()
  },
})
