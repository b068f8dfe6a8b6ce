class ExportsController < ApplicationController
  EXPORTERS = %w[CsvExporter JsonExporter].freeze

  def create
    exporter = params[:format_class].constantize.new
    send_data exporter.call(current_user)
  end
end
