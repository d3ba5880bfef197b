// Clearsight's only script of its own (no inline scripts: the Content Security Policy forbids them).
// Marks the page as having JavaScript, starts GOV.UK Frontend's components, and lets people drop files
// onto the upload form; everything works without it.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

for (const zone of document.querySelectorAll('[data-cs-dropzone]')) {
  const input = zone.querySelector('input[type=file]')
  const status = zone.querySelector('[data-cs-dropzone-status]')
  const describe = () => {
    const names = Array.from(input.files).map((f) => f.name)
    status.textContent = names.length ? `${names.length} file${names.length === 1 ? '' : 's'} chosen: ${names.join(', ')}` : ''
  }
  status.textContent = 'You can also drag files here.'
  input.addEventListener('change', describe)
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault()
      zone.classList.add('cs-dropzone--active')
    })
  }
  for (const type of ['dragleave', 'drop']) {
    zone.addEventListener(type, () => zone.classList.remove('cs-dropzone--active'))
  }
  zone.addEventListener('drop', (event) => {
    event.preventDefault()
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files
      describe()
    }
  })
}
